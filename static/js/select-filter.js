// A search box above a long <select>: typing narrows its options (name or crebo); the chosen
// option always stays. Without JavaScript the box stays hidden and the grouped list works.
document.querySelectorAll("[data-filter-box]").forEach(function (box) {
  var input = box.querySelector("[data-filter-for]");
  var select = document.getElementById(input.dataset.filterFor);
  if (!select) return;
  var original = Array.prototype.slice.call(select.children).map(function (n) { return n.cloneNode(true); });
  box.hidden = false;
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var chosen = select.value;
    var fits = function (option) {
      if (!option.value || option.value === chosen) return true;
      var text = option.textContent.toLowerCase();
      return words.every(function (w) { return text.indexOf(w) !== -1; });
    };
    select.replaceChildren();
    original.forEach(function (node) {
      if (node.tagName === "OPTGROUP") {
        var group = node.cloneNode(false);
        Array.prototype.forEach.call(node.children, function (o) { if (fits(o)) group.appendChild(o.cloneNode(true)); });
        if (group.children.length) select.appendChild(group);
      } else if (fits(node)) {
        select.appendChild(node.cloneNode(true));
      }
    });
    select.value = chosen;
  });
});
