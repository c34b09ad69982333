/*
 * "N words left" under answers with a word limit, as people type. Without JavaScript the hint still
 * names the limit and the server refuses an answer over it, so this only saves a round trip.
 * The visible count changes at once; screen readers hear it once typing pauses, not on every key.
 */
(function () {
    "use strict";

    function countWords(text) {
        var words = text.trim().split(/\s+/);
        return words[0] === "" ? 0 : words.length;
    }

    function inWords(left) {
        var n = Math.abs(left);
        return n + (n === 1 ? " word" : " words") + (left >= 0 ? " left" : " too many");
    }

    function addCounter(input) {
        var limit = parseInt(input.getAttribute("data-word-limit"), 10);
        var shown = document.createElement("p");
        var spoken = document.createElement("p");
        var pause;
        shown.className = "word-count";
        shown.setAttribute("aria-hidden", "true");
        spoken.className = "visually-hidden";
        spoken.id = input.id + "_count";
        spoken.setAttribute("aria-live", "polite");
        input.insertAdjacentElement("afterend", spoken);
        input.insertAdjacentElement("afterend", shown);

        function update() {
            var left = limit - countWords(input.value);
            shown.textContent = inWords(left);
            shown.classList.toggle("word-count--over", left < 0);
            clearTimeout(pause);
            pause = setTimeout(function () { spoken.textContent = inWords(left); }, 800);
        }

        input.addEventListener("input", update);
        shown.textContent = inWords(limit - countWords(input.value));
    }

    document.querySelectorAll("[data-word-limit]").forEach(addCounter);
})();
