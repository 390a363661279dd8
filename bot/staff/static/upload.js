// Files go up one per request so that each line (and the progress) shows as soon as that file is stored.
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
  await refreshList();
}

// The report list above shows the base as it is now (with the filter the page was opened with).
async function refreshList() {
  const list = document.getElementById("report-list");
  try {
    const response = await fetch(location.pathname + location.search, {credentials: "same-origin"});
    if (!response.ok) { return; }
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("report-list");
    if (fresh) { list.replaceChildren(...fresh.childNodes); }
  } catch (error) {
    state.textContent += "（报告列表未能刷新，请重新载入页面）";
  }
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
