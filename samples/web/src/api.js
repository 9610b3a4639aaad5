// The app's own backend, reached over plain HTTP.
const API_BASE = 'http://api.example.com/v1';

export function roomUrl(roomId) {
  return `${API_BASE}/rooms/${roomId}/join`;
}
