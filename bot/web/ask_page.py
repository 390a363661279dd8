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
#answer { margin: 1.5rem 0; padding: 1rem; border: 1px solid #ccc; border-radius: 6px; min-height: 2rem; }
#answer .status { font-size: .85rem; color: #666; }
#answer p { margin: .3rem 0; }
#answer .figure { margin: .6rem 0; }
#answer .source { font-size: .85rem; font-style: italic; color: #555; }
#answer .note, #answer .held, #choices .cut { font-size: .9rem; color: #7a4b00; }
#answer .section-heading { font-size: 1.05rem; margin: .3rem 0; }
#answer .section-text { white-space: pre-wrap; max-height: 24rem; overflow-y: auto; }
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

function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) { node.className = className; }
  node.append(...children);
  return node;
}

function sourceLine(f) {
  // The same line as bot.render.source_line: report, section, row and column (or the section of a clause), page.
  const where = f.kind === "fact" ? f.section : f.section + " · " + f.label;
  return "出处：《" + f.report_title + "》" + where + (f.page ? " · 第" + f.page + "页" : "");
}

function sentence(f) {
  const who = f.issuer + f.year + "年";
  const value = el("b", "value", f.display);
  if (f.kind === "fact") { return [`据${who}报告：“${f.clause || f.label}”（`, value, "）"]; }
  if (f.kind === "sum") {
    return [`${who}${f.label}为`, value, "，由" + f.parts.map((p) => p.label + " " + p.display).join("、") + "相加得出"];
  }
  if (f.kind === "difference" && f.parts.length === 2) {
    const [a, b] = f.parts;
    const word = f.value > 0 ? "多" : f.value < 0 ? "少" : "一样多，差";
    return [`${a.issuer}${a.year}年“${a.label}”为${a.display}，${b.issuer}${b.year}年为${b.display}，前者比后者${word}`,
            el("b", "value", f.display.replace(/^-/, ""))];
  }
  return [`${who}“${f.label}”为`, value];
}

function figureBlock(f) {
  const block = el("div", "figure", el("p", "statement", ...sentence(f)));
  const sources = (f.kind === "sum" || f.kind === "difference") && f.parts.length ? f.parts : [f];
  sources.forEach((s) => block.append(el("div", "source", sourceLine(s))));
  return block;
}

function stated(result, box) {
  const figures = result.figures || [];
  if (result.kind === "section" && result.section) {
    const s = result.section;
    box.append(el("h3", "section-heading", `${s.issuer}${s.year}年报告“${s.heading}”`),
               el("div", "section-text", s.text), el("div", "source", "出处：《" + s.report_title + "》" + s.path));
  } else if (result.kind === "difference") {
    box.append(figureBlock(figures[0]));
  } else if (result.kind === "superlative" && figures.length > 1) {
    const [chosen, ...series] = figures;
    const most = chosen.value === Math.max(...series.map((f) => f.value || 0));
    box.append(el("p", "statement", `${chosen.issuer}“${chosen.label}”最${most ? "多" : "少"}的是${chosen.year}年：`,
                  el("b", "value", chosen.display)));
    series.forEach((f) => box.append(figureBlock(f)));
  } else {
    figures.forEach((f) => box.append(figureBlock(f)));
  }
}

function show(result) {
  answerBox.textContent = "";
  choicesBox.textContent = "";
  const status = el("div", "status",
                    {answered: "已回答", ambiguous: "请选择", not_found: "未找到"}[result.status] || result.status);
  const text = el("div", "");
  text.id = "answer-text";
  if (result.status === "answered") { stated(result, text); }
  if (result.reason) { text.append(el("p", "reason", result.reason)); }
  (result.related || []).forEach((f) => text.append(figureBlock(f)));
  const notes = [...(result.notes || [])];
  (result.figures || []).forEach((f) => (f.notes || []).forEach((n) => { if (!notes.includes(n)) notes.push(n); }));
  notes.forEach((n) => text.append(el("p", "note", "说明：" + n)));
  if (result.status === "not_found" && (result.held || []).length) {
    text.append(el("p", "held", "知识库中有：" + result.held.join("；")));
  }
  answerBox.append(status, text);
  (result.choices || []).forEach((choice, i) => {
    const link = el("a", "choice", (i + 1) + ". " + choice.label);
    link.href = "#";
    link.addEventListener("click", (event) => { event.preventDefault(); send({chat: chat, pick: i + 1}); });
    choicesBox.append(link);
  });
  const shown = (result.choices || []).length;
  if (result.choices_total > shown) {
    choicesBox.append(el("p", "cut", `共${result.choices_total}项符合，这里列出${shown}项；请把问题说得更具体`));
  }
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
