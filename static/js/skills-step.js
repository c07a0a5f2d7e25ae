// The skills step: a level shows only once its skill is ticked (static/css/reader.css does that
// with :has(), also without JavaScript; `hidden` here is the same rule for browsers without
// :has()); a ticked skill starts at the middle level; a skill found by search moves into view,
// ticked. Without JavaScript the student picks the level after ticking, and the rest of the
// list sits in a fold-out.
(function () {
  var step = document.querySelector("[data-skills-step]");
  if (!step) return;
  step.classList.add("skills-step--js");
  var search = step.querySelector("[data-skills-search]");
  if (search) search.hidden = false;

  function sync(row) {
    var box = row.querySelector('.skill__check input[type="checkbox"]');
    var level = row.querySelector("[data-skill-level]");
    var invalid = level && level.classList.contains("skill__level--invalid");
    if (level) level.hidden = !(box.checked || invalid);
    row.classList.toggle("skill--chosen", box.checked);
  }
  step.querySelectorAll(".skill").forEach(sync);

  // A skill just ticked starts at the middle level ("Ik kan het"); the student can change it.
  function startLevel(row) {
    if (row.querySelector('input[type="radio"]:checked')) return;
    var middle = row.querySelector('input[type="radio"][value="2"]');
    if (middle) middle.checked = true;
  }

  step.addEventListener("change", function (event) {
    var row = event.target.closest(".skill");
    if (!row || event.target.type !== "checkbox") return;
    if (event.target.checked) startLevel(row);
    sync(row);
  });

  step.addEventListener("click", function (event) {
    var button = event.target.closest("[data-skill-add]");
    if (!button) return;
    var row = document.getElementById("skill-" + button.dataset.skillAdd);
    if (!row) return;
    if (row.closest(".skill-rest")) {
      var chosen = step.querySelector("[data-skills-chosen]");
      chosen.appendChild(row);
      chosen.closest("section").hidden = false;
    }
    var box = row.querySelector('.skill__check input[type="checkbox"]');
    box.checked = true;
    startLevel(row);
    sync(row);
    var input = search.querySelector("input");
    input.value = "";
    document.getElementById("skill-hits").innerHTML = "";
    row.scrollIntoView({ block: "center" });
    var radio = row.querySelector('input[type="radio"]:checked') || row.querySelector('input[type="radio"]');
    (radio || box).focus();
  });

  // Enter in the search box searches; it must not send the whole form.
  step.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.classList.contains("skill-search__input")) {
      event.preventDefault();
    }
  });
})();
