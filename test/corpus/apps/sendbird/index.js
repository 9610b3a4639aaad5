// Sendbird Calls app: init with the application id, authenticate a user, dial another.
import SendBirdCall from 'sendbird-calls';

const APP_ID = 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D';

SendBirdCall.init(APP_ID); // @expect api sendbird-calls init
SendBirdCall.authenticate({ userId: 'alice', accessToken: localStorage.getItem('sbToken') }, () => { // @expect api sendbird-calls join
  SendBirdCall.dial({ userId: 'bob', isVideoCall: false, callOption: {} }); // @expect api sendbird-calls join
});
