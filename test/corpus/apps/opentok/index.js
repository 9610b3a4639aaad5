// Vonage Video (OpenTok) app: session from API key and session id, connect with a token.
import OT from '@opentok/client';

const API_KEY = '47123456';
const SESSION_ID = '1_MX40NzEyMzQ1Nn5-MTcwMDAwMDAwMDAwMH5hYmNkZWZnaGlqfn4';

const session = OT.initSession(API_KEY, SESSION_ID); // @expect api vonage init
session.connect(localStorage.getItem('otToken'), (err) => { // @expect api vonage join
  if (!err) session.publish(OT.initPublisher('publisher'));
});
