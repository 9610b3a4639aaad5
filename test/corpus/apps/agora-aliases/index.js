// Agora reached through aliases a minifier keeps or creates: require(), a renamed namespace, destructuring,
// a client stored on `this` and used from another method, and a client passed to a helper called once.
const SDK = require('agora-rtc-sdk-ng');
const rtc = SDK;
const { createClient } = rtc;

class CallService {
  constructor(appId) {
    this.appId = appId;
    this.client = createClient({ mode: 'live', codec: 'h264' }); // @expect api agora init
  }

  async enter(room, user) {
    await this.client.join(this.appId, room, 'token-from-server', user); // @expect api agora join
  }
}

function joinWith(c) {
  return c.join('0a1b2c3d4e5f60718293a4b5c6d7e8f9', 'side-room', null, 'guest-7'); // @expect api agora join
}

const service = new CallService('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
service.enter('main-hall', 1001);
joinWith(rtc.createClient({ mode: 'rtc', codec: 'vp9' })); // @expect api agora init
// Not an RTC call: an array join on the same line shape as client.join.
console.log(['a', 'b'].join(','));
