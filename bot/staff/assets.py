"""The staff pages' style sheet and upload script: inline, no external assets."""

STAFF_CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5rem auto; max-width: 72rem;
       padding: 0 1rem; color: #222; line-height: 1.55; }
h1 { font-size: 1.35rem; } h2 { font-size: 1.15rem; margin-top: 2rem; } h3 { font-size: 1rem; }
nav { display: flex; gap: 1rem; align-items: center; border-bottom: 1px solid #ddd; padding-bottom: .5rem; }
nav form { margin-left: auto; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .25rem .4rem; vertical-align: middle; }
th { background: #f3f3f3; font-weight: normal; text-align: left; }
td.cell { text-align: right; min-width: 2.5rem; position: relative; }
td.absent { color: #aaa; text-align: center; }
td.uncertain { background: #fff3c4; border: 2px dashed #b58900; cursor: help; }
td.failing { background: #fde0de; outline: 2px solid #c62828; outline-offset: -2px; }
td.failing a { color: inherit; display: block; min-height: 1.2em; }  /* a blank cell stays clickable */
td.uncertain:focus::after, td.uncertain:hover::after { content: attr(data-warning); position: absolute;
       z-index: 2; right: 0; top: 100%; width: 18rem; background: #333; color: #fff; padding: .4rem;
       text-align: left; font-size: .8rem; border-radius: 4px; }
.pages, .muted { color: #666; font-size: .85rem; }
.problems li { color: #a00; margin: .2rem 0; }
.problems li:target { background: #fde0de; }
.warnings li { color: #8a6d00; }
.error { color: #a00; }
#drop { border: 2px dashed #888; border-radius: 8px; padding: 1.5rem; text-align: center; margin: .5rem 0; }
#drop.over { background: #eef6ff; border-color: #1565c0; }
#lines { font-family: monospace; white-space: pre-wrap; }
#lines .failed { color: #a00; }
#lines .stored, #lines .replaced { color: #1b5e20; }
details { margin: .3rem 0; } details p { white-space: pre-wrap; margin: .3rem 0 .8rem 1rem; }
"""

# Files go up one per request so that each line (and the progress) shows as soon as that file is stored.
UPLOAD_JS = """
"use strict";
const drop = document.getElementById("drop");
const picker = document.getElementById("files");
const lines = document.getElementById("lines");
const bar = document.getElementById("progress");
const state = document.getElementById("upload-state");

function addLine(text, status, reportId) {
  const line = document.createElement("div");
  line.className = "line " + status;
  line.textContent = text;
  if (reportId) {
    const link = document.createElement("a");
    link.href = "/staff/report/" + reportId;
    link.textContent = " 查看报告";
    line.append(link);
  }
  lines.append(line);
}

async function sendOne(file) {
  const body = new FormData();
  body.append("files", file, file.name);
  try {
    const response = await fetch("/staff/upload", {method: "POST", body: body, credentials: "same-origin",
                                                  headers: {"Accept": "application/json"}});
    const data = await response.json();
    if (!response.ok) { addLine("failed    " + file.name + "：" + (data.error || response.status), "failed"); return; }
    data.results.forEach((r) => addLine(r.line, r.status, r.report_id));
  } catch (error) {
    addLine("failed    " + file.name + "：无法连接服务器（" + error + "）", "failed");
  }
}

async function sendAll(files) {
  const list = Array.from(files);
  if (!list.length) { return; }
  bar.max = list.length;
  bar.value = 0;
  bar.hidden = false;
  for (let i = 0; i < list.length; i++) {
    state.textContent = "正在处理 " + (i + 1) + "/" + list.length + "：" + list[i].name;
    await sendOne(list[i]);
    bar.value = i + 1;
  }
  state.textContent = "完成：共 " + list.length + " 个文件";
}

document.getElementById("upload").addEventListener("submit", (event) => {
  event.preventDefault();
  sendAll(picker.files).then(() => { picker.value = ""; });
});
drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  sendAll(event.dataTransfer.files);
});
"""
