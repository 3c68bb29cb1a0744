// hrlex web interface: copy citation buttons and the `/` shortcut. Text is only ever
// set through textContent.
"use strict";

function announce(message) {
  const status = document.getElementById("copy-status");
  if (status) {
    status.textContent = message;
  }
}

function copyWithSelection(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch (error) {
    copied = false;
  }
  document.body.removeChild(area);
  return copied;
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-citation]");
  if (!button) {
    return;
  }
  const citation = button.dataset.citation;
  let copied = false;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(citation);
      copied = true;
    } catch (error) {
      copied = false;
    }
  }
  if (!copied) {
    copied = copyWithSelection(citation);
  }
  announce(copied ? "Copied: " + citation : "Copy this citation: " + citation);
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  const active = document.activeElement;
  if (active && (active.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(active.tagName))) {
    return;
  }
  const box = document.getElementById("q");
  if (box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});
