/* marsad article page: link each record (event, claim, truce) to the words it was read from.
 * Clicking a record lights its spans in the text; clicking a highlighted span lights its records.
 */
(function () {
  'use strict';

  function clearFocus() {
    document.querySelectorAll('.focus').forEach(function (node) { node.classList.remove('focus'); });
  }

  function focusRef(ref, scrollToText) {
    clearFocus();
    var marks = Array.prototype.filter.call(document.querySelectorAll('mark[data-refs]'), function (mark) {
      return mark.getAttribute('data-refs').split(' ').indexOf(ref) >= 0;
    });
    marks.forEach(function (mark) { mark.classList.add('focus'); });
    var card = document.querySelector('[data-ref="' + CSS.escape(ref) + '"]');
    if (card) { card.classList.add('focus'); }
    if (scrollToText && marks.length) { marks[0].scrollIntoView({ block: 'center' }); }
  }

  document.querySelectorAll('[data-ref]').forEach(function (card) {
    card.addEventListener('click', function () { focusRef(card.getAttribute('data-ref'), true); });
  });

  document.querySelectorAll('mark[data-refs]').forEach(function (mark) {
    mark.addEventListener('click', function () {
      var ref = mark.getAttribute('data-refs').split(' ')[0];
      focusRef(ref, false);
      var card = document.querySelector('[data-ref="' + CSS.escape(ref) + '"]');
      if (card) { card.scrollIntoView({ block: 'nearest' }); }
    });
  });

  if (window.location.hash.length > 1) {
    focusRef(decodeURIComponent(window.location.hash.slice(1)), true);
  }
}());
