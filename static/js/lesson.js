/* Lesson pages: count a lesson as done when its end is reached, and let
   self-check questions answer back. Everything here has a no-script
   equivalent on the page (the "Mark as done" button, the answer's
   disclosure), so a failure leaves the lesson fully usable. */
(function () {
  "use strict";

  function setProgress(kind, value) {
    document.querySelectorAll('[data-progress="' + kind + '"]').forEach(function (bar) {
      bar.value = value;
      bar.textContent = value + "%";
    });
    document.querySelectorAll('[data-progress-figure="' + kind + '"]').forEach(function (figure) {
      figure.textContent = value + "%";
    });
  }

  function markDone(end) {
    var form = end.querySelector("[data-done-form]");
    if (!form) {
      return;
    }
    var body = new FormData(form);
    body.set("how", "reached_end");
    fetch(end.dataset.doneUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (result) {
        if (!result || !result.done) {
          return;
        }
        var status = document.querySelector("[data-lesson-status]");
        if (status) {
          status.textContent = "You have completed this lesson.";
        }
        var note = document.createElement("p");
        note.className = "done-note";
        note.textContent = "Done. Well done for finishing this lesson.";
        form.replaceWith(note);
        setProgress("course", result.course_percent);
        setProgress("module", result.module_percent);
      })
      .catch(function () {
        /* The button is still there; nothing is lost. */
      });
  }

  /* The end has to stay in view for a moment: scrolling straight past it
     on the way somewhere else is not reading to the end. */
  var DWELL_MS = 1500;

  function watchEnd() {
    var end = document.querySelector("[data-lesson-end]");
    if (!end || !("IntersectionObserver" in window)) {
      return;
    }
    var timer = null;
    var observer = new IntersectionObserver(function (entries) {
      var visible = entries.some(function (entry) { return entry.isIntersecting; });
      if (visible && timer === null) {
        timer = window.setTimeout(function () {
          observer.disconnect();
          markDone(end);
        }, DWELL_MS);
      } else if (!visible && timer !== null) {
        window.clearTimeout(timer);
        timer = null;
      }
    });
    observer.observe(end);
  }

  function enableSelfChecks() {
    document.querySelectorAll("[data-self-check]").forEach(function (check) {
      var button = check.querySelector("[data-self-check-button]");
      var feedback = check.querySelector("[data-self-check-feedback]");
      var answer = check.querySelector("[data-self-check-answer]");
      button.hidden = false;
      button.addEventListener("click", function () {
        var chosen = check.querySelector("input[type=radio]:checked");
        if (!chosen) {
          feedback.textContent = "Choose an answer first.";
          return;
        }
        var right = chosen.value === check.dataset.correct;
        feedback.textContent = right
          ? "Correct."
          : "Not quite. The answer and why are shown below.";
        feedback.classList.toggle("is-right", right);
        answer.open = true;
      });
    });
  }

  enableSelfChecks();
  watchEnd();
})();
