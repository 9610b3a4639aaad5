// The app's own backend, over HTTPS.
const API_BASE = 'https://api.example.com/v1';

export function roomUrl(roomId) {
  return `${API_BASE}/rooms/${encodeURIComponent(roomId)}/join`;
}

export function tokenUrl(roomId, userId) {
  return `${API_BASE}/rtc-token?room=${encodeURIComponent(roomId)}&uid=${encodeURIComponent(userId)}`;
}
