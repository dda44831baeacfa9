// The handout's Print button (without JavaScript the button is hidden and the browser's own Print works).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
