// The bearer token, entered once and kept in this browser (shared by the explorer and the board).
(function () {
  var KEY = 'launch-api-token';
  var listeners = [];
  window.launchToken = {
    get: function () {
      return localStorage.getItem(KEY) || '';
    },
    set: function (value) {
      localStorage.setItem(KEY, value.trim());
      listeners.forEach(function (fn) {
        fn(value.trim());
      });
    },
    onChange: function (fn) {
      listeners.push(fn);
    },
    bind: function (input) {
      input.value = window.launchToken.get();
      input.addEventListener('change', function () {
        window.launchToken.set(input.value);
      });
    },
  };
})();
