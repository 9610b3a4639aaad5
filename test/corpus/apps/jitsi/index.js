// lib-jitsi-meet app: connection to a self-hosted Jitsi deployment, then a conference room.
import JitsiMeetJS from 'lib-jitsi-meet';

JitsiMeetJS.init({});
const connection = new JitsiMeetJS.JitsiConnection(null, null, { // @expect api jitsi init
  hosts: { domain: 'meet.example.org', muc: 'conference.meet.example.org' },
  serviceUrl: 'wss://meet.example.org/xmpp-websocket',
});
connection.addEventListener(JitsiMeetJS.events.connection.CONNECTION_ESTABLISHED, () => {
  const room = connection.initJitsiConference('weekly-sync', {}); // @expect api jitsi join
  room.join();
});
connection.connect();
