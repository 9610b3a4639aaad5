// Held-out sample (labelled before the analysis was run on it): a React Native call screen with hooks.
import React, { useCallback, useEffect, useRef } from 'react';

const API_BASE = __DEV__ ? 'http://localhost:3000' : 'https://api.calls.example.com';
const PUSH = 'http://push.calls.example.com';

async function registerPush(deviceId, userId) {
  const res = await fetch(`${PUSH}/register`, { // @flow cleartext deviceId; cleartext userId
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ deviceId, userId }),
  });
  return res.json();
}

export function useCall(session) {
  const ws = useRef(null);
  const start = useCallback(async () => {
    const { callId, user } = session;
    await fetch(`${API_BASE}/calls/${callId}/start`, { method: 'POST' }); // @flow https callId
    ws.current = new WebSocket(`wss://rtc.calls.example.com/${callId}`); // @flow https callId
    ws.current.send(JSON.stringify({ op: 'auth', uid: user.id })); // @flow https user.id
  }, [session]);
  useEffect(() => {
    registerPush(session.deviceId, session.user.id);
    console.log('session', session.sessionId); // @noflow
  }, [session]);
  return start;
}
