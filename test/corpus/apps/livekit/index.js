// LiveKit app: a Room, connected to LiveKit Cloud with a token from the app's server.
import { Room, RoomEvent } from 'livekit-client';

const LIVEKIT_URL = 'wss://acme-7c1f.livekit.cloud';

export async function join(token) {
  const room = new Room({ adaptiveStream: true, dynacast: true }); // @expect api livekit init
  room.on(RoomEvent.ParticipantConnected, (p) => console.log(p.identity));
  await room.connect(LIVEKIT_URL, token); // @expect api livekit join
  return room;
}

join(document.querySelector('meta[name=lk-token]').content);
