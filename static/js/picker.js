// The competency picker: a found competency becomes a checked box in the chosen list.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".picker-add");
  if (!button) return;
  var field = button.dataset.field;
  var list = document.getElementById("chosen-" + field);
  if (!list.querySelector('input[value="' + button.dataset.id + '"]')) {
    var item = document.createElement("li");
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.name = field; box.value = button.dataset.id; box.checked = true;
    label.appendChild(box);
    if (button.dataset.icon) {
      var icon = document.createElement("img");
      icon.className = "pictogram"; icon.src = button.dataset.icon; icon.alt = "";
      icon.setAttribute("aria-hidden", "true"); icon.width = 24; icon.height = 24;
      label.appendChild(document.createTextNode(" "));
      label.appendChild(icon);
    }
    label.appendChild(document.createTextNode(" " + button.dataset.name));
    item.appendChild(label);
    list.appendChild(item);
  }
  var search = document.getElementById("q-" + field);
  search.value = "";
  document.getElementById("results-" + field).innerHTML = "";
  search.focus();
});
// Enter in a search box searches; it must not send the whole form.
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && event.target.classList.contains("picker-search")) event.preventDefault();
});
