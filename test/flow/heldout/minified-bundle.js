// Held-out sample (labelled before the analysis was run on it): minified output, where variable names are gone
// and only property names and query keys still say what a value is.
var e = "http://rt.example-cdn.net",
  t = function (n, r) {
    return fetch(e + "/api/join?roomId=" + n + "&uid=" + r); // @flow cleartext roomId; cleartext uid
  },
  o = function (n) {
    var r = new XMLHttpRequest();
    r.open("POST", e + "/api/log"), r.send(JSON.stringify({ userId: n.userId, ts: Date.now() })); // @flow cleartext userId
  },
  i = function (n) {
    return n.deviceId ? "d:" + n.deviceId : "anon"; // @noflow
  };
window.__app = { j: t, l: o, i: i };
