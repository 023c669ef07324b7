import React, {useEffect, useRef, useState} from 'react';
import {io, Socket} from 'socket.io-client';
import {set as idbSet} from 'idb-keyval';

type ChatMessage = {id: string; senderRole: 'client' | 'therapist'; body: string; sentAt: string};

const API = 'https://api.mindline.example.com';
const SOCKET_URL = 'ws://rt.mindline.example.com:8080'; // LEAK(transmission): realtime chat socket over unencrypted ws

async function sealLocal(key: CryptoKey, data: unknown): Promise<ArrayBuffer> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({name: 'AES-GCM', iv}, key, new TextEncoder().encode(JSON.stringify(data)));
  const out = new Uint8Array(12 + ct.byteLength);
  out.set(iv, 0);
  out.set(new Uint8Array(ct), 12);
  return out.buffer;
}

export function ChatWindow({roomId, token, clientName, deviceKey}: {roomId: string; token: string; clientName: string; deviceKey: CryptoKey}) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [draft, setDraft] = useState(() => localStorage.getItem(`draft:${roomId}`) ?? '');
  const socketRef = useRef<Socket | null>(null);

  useEffect(() => {
    fetch(`${API}/rooms/${roomId}/messages`, {headers: {Authorization: `Bearer ${token}`}})
      .then((r) => r.json())
      .then((rows: ChatMessage[]) => {
        setMessages(rows);
        localStorage.setItem(`thread:${roomId}`, JSON.stringify({clientName, rows})); // LEAK(storage): therapy thread and client name kept in localStorage
        // Offline copy for the installed PWA, sealed with the device key.
        const offlineKey = `thread-sealed:${roomId}`;
        void sealLocal(deviceKey, rows).then((sealed) => idbSet(offlineKey, sealed)); // SAFE(storage): AES-GCM sealed before IndexedDB
      });
    const socket = io(SOCKET_URL, {auth: {token}});
    socketRef.current = socket;
    return () => {
      socket.disconnect();
    };
  }, [roomId, token, clientName, deviceKey]);

  useEffect(() => {
    localStorage.setItem(`draft:${roomId}`, draft); // LEAK(storage): unsent message draft persisted in localStorage
  }, [roomId, draft]);

  async function send() {
    const res = await fetch(`${API}/rooms/${roomId}/messages`, {
      method: 'POST',
      headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'},
      body: JSON.stringify({text: draft}),
    });
    if (!res.ok) {
      console.error('send failed', res.status, draft); // LEAK(logging): message text printed to the browser console
      return;
    }
    sessionStorage.setItem('lastRoom', roomId); // SAFE(storage): room id only
    setDraft('');
  }

  return (
    <div className="chat">
      <ul>
        {messages.map((m) => (
          <li key={m.id} className={m.senderRole}>
            {m.body}
          </li>
        ))}
      </ul>
      <textarea value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button onClick={send}>Send</button>
    </div>
  );
}
