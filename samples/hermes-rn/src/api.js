// The app's own backend, reached over plain HTTP.
const API_BASE = 'http://api.example.com/v1';

export function presenceUrl(uid) {
  return `${API_BASE}/presence?uid=${uid}`;
}
