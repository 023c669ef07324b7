type SignalMessage = { type: 'offer' | 'answer' | 'ice'; payload: unknown; room: string; patient?: { name: string; dob: string } };

export function useTelehealth(room: string) {
  const config = useRuntimeConfig();
  const connected = ref(false);
  let socket: WebSocket | null = null;

  function connect(patient: { name: string; dob: string }) {
    const url = import.meta.dev ? 'ws://localhost:4010/signal' : config.public.telehealthSignal; // SAFE(transmission): ws:// only for the local dev signalling server
    socket = new WebSocket(url);
    socket.onopen = () => {
      connected.value = true;
      send({ type: 'offer', payload: null, room, patient });
    };
    socket.onclose = () => (connected.value = false);
    socket.onerror = () => console.error('[telehealth] signalling error', { room, patient }); // LEAK(logging): patient name and DOB printed to the browser console
  }

  function send(msg: SignalMessage) {
    socket?.send(JSON.stringify(msg));
  }

  async function joinWaitingRoom(patient: { name: string; dob: string }) {
    await $fetch(`/api/telehealth/${room}/waiting`, { method: 'POST', body: { displayName: patient.name.split(' ')[0] } });
    connect(patient);
  }

  return { connected, joinWaitingRoom, send };
}
