"""The page for staff doing quick look-ups: plain HTML, CSS and JavaScript, no external assets."""

STAFF_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开年报查询</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 56rem;
       padding: 0 1rem; color: #222; line-height: 1.6; }
h1 { font-size: 1.4rem; }
form { display: flex; gap: .5rem; }
input[type=text] { flex: 1; font-size: 1rem; padding: .5rem; }
button { font-size: 1rem; padding: .5rem 1rem; }
#answer { margin: 1.5rem 0; padding: 1rem; border: 1px solid #ccc; border-radius: 6px; min-height: 2rem;
          white-space: pre-wrap; }
#answer .status { font-size: .85rem; color: #666; }
#choices a { display: block; margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.failed { color: #a00; font-size: .8rem; }
</style>
</head>
<body>
<h1>政府信息公开工作年度报告 · 数字查询</h1>
<form id="ask">
  <input type="text" id="question" name="question" maxlength="1000"
         placeholder="例如：蓟州区2020年收到多少政府信息公开申请" autofocus>
  <button type="submit">查询</button>
</form>
<div id="answer" aria-live="polite"></div>
<div id="choices"></div>
<h2>收录的报告</h2>
<p class="staff-link"><a href="/staff">工作人员页面</a>（查看各报告的表格、添加报告、未能回答的问题；需登录）</p>
<table id="reports"><thead><tr><th>机关</th><th>年度</th><th>模板</th><th>格式</th><th>单元格</th>
<th>正文数字</th><th>核对未通过</th></tr></thead><tbody></tbody></table>
<script>
"use strict";
const chat = "staff-" + Math.random().toString(36).slice(2);
const answerBox = document.getElementById("answer");
const choicesBox = document.getElementById("choices");

function show(result) {
  answerBox.textContent = "";
  choicesBox.textContent = "";
  const status = document.createElement("div");
  status.className = "status";
  status.textContent = {answered: "已回答", ambiguous: "请选择", not_found: "未找到"}[result.status] || result.status;
  const text = document.createElement("div");
  text.id = "answer-text";
  text.textContent = result.text;
  answerBox.append(status, text);
  (result.choices || []).forEach((choice, i) => {
    const link = document.createElement("a");
    link.href = "#";
    link.className = "choice";
    link.textContent = (i + 1) + ". " + choice.label;
    link.addEventListener("click", (event) => { event.preventDefault(); send({chat: chat, pick: i + 1}); });
    choicesBox.append(link);
  });
}

async function send(payload) {
  answerBox.textContent = "查询中…";
  try {
    const response = await fetch("/api/ask", {method: "POST", headers: {"Content-Type": "application/json"},
                                              body: JSON.stringify(payload)});
    const result = await response.json();
    if (!response.ok) { answerBox.textContent = "出错：" + (result.error || response.status); return; }
    show(result);
  } catch (error) {
    answerBox.textContent = "无法连接服务器：" + error;
  }
}

document.getElementById("ask").addEventListener("submit", (event) => {
  event.preventDefault();
  const question = document.getElementById("question").value.trim();
  if (question) { send({question: question, chat: chat}); }
});

fetch("/api/reports").then((r) => r.json()).then((rows) => {
  const body = document.querySelector("#reports tbody");
  rows.forEach((row) => {
    const tr = document.createElement("tr");
    [row.issuer, row.year, row.template, row.format, row.cells, row.facts].forEach((value) => {
      const td = document.createElement("td");
      td.textContent = value;
      tr.append(td);
    });
    const failed = document.createElement("td");
    failed.textContent = row.checks_failed;
    (row.failed_checks || []).forEach((detail) => {
      const line = document.createElement("div");
      line.className = "failed";
      line.textContent = detail;
      failed.append(line);
    });
    tr.append(failed);
    body.append(tr);
  });
});
</script>
</body>
</html>
"""
