"use strict";
// The answer arrives rendered (bot.render.answer_html, every value escaped on the server): this script only
// inserts it, draws the choices as links that pick by number and the 👍/👎 buttons that vote through /api/vote.
// Without it the same forms post to the server, which sends the page back with the answer.
const chat = document.getElementById("chat").value;
const answerBox = document.getElementById("answer");
const choicesBox = document.getElementById("choices");
const STATUS = {answered: "已回答", ambiguous: "请选择", not_found: "未找到"};

function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) { node.className = className; }
  node.append(...children);
  return node;
}

function show(result) {
  answerBox.textContent = "";
  choicesBox.textContent = "";
  const text = el("div", "");
  text.id = "answer-text";
  text.innerHTML = result.html;
  answerBox.append(el("div", "status", STATUS[result.status] || result.status), text);
  if (result.status === "answered") { answerBox.append(voteButtons(result.question)); }
  (result.choices || []).forEach((choice, i) => {
    const link = el("a", "choice", (i + 1) + ". " + choice.label);
    link.href = "#";
    link.addEventListener("click", (event) => { event.preventDefault(); send({chat: chat, pick: i + 1}); });
    choicesBox.append(link);
  });
}

function voteButtons(question) {
  const box = el("div", "", el("span", "vote-ask", "这个回答："));
  box.id = "vote";
  [[1, "👍 有用", "up"], [-1, "👎 不对", "down"]].forEach(([value, label, kind]) => {
    const button = el("button", "vote " + kind, label);
    button.type = "button";
    button.addEventListener("click", () => vote(value, question, box));
    box.append(button);
  });
  return box;
}

async function vote(value, question, box) {
  try {
    const response = await fetch("/api/vote", {method: "POST", headers: {"Content-Type": "application/json"},
                                               body: JSON.stringify({chat: chat, vote: value, question: question})});
    const result = await response.json();
    const said = el("p", "", response.ok ? result.said : "出错：" + (result.error || response.status));
    said.id = "vote-said";
    box.replaceWith(said);
  } catch (error) {
    box.append(el("span", "failed", "无法连接服务器：" + error));
  }
}

async function send(payload) {
  answerBox.textContent = "查询中…";
  try {
    const response = await fetch("/api/ask", {method: "POST", headers: {"Content-Type": "application/json"},
                                              body: JSON.stringify({...payload, html: true})});
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
      tr.append(el("td", "", String(value ?? "")));
    });
    const failed = el("td", "", String(row.checks_failed ?? ""));
    (row.failed_checks || []).forEach((detail) => failed.append(el("div", "failed", detail)));
    tr.append(failed);
    body.append(tr);
  });
});
