// Twilio Video app: connect with an access token from the app's server, room name and signaling region.
import Video from 'twilio-video';

export async function joinRoom(token) {
  const room = await Video.connect(token, { name: 'daily-standup', region: 'de1', audio: true, video: false }); // @expect api twilio join
  room.on('participantConnected', (p) => console.log(p.identity));
  return room;
}

joinRoom(window.localStorage.getItem('twilioToken'));
