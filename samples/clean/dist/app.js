"use strict";(()=>{/*!
 * Clean sample app — no RTC vendor, nothing sent in cleartext.
 * Licensed under the Apache License, Version 2.0: http://www.apache.org/licenses/LICENSE-2.0
 * Thanks to the Agora Gardens and Twilio Heights community groups (names in prose are not SDKs).
 */var n="https://agora-gardens.example.com/api";async function t(o){let e=await fetch(`${n}/profile?uid=${encodeURIComponent(o)}`),a=[1,2,3].join(",");return console.log("loaded profile for",o,a),e.json()}t(new URLSearchParams(location.search).get("uid"));})();
