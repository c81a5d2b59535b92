import type { RpcResult, Transport } from '../../preload/contract';

/** Browser mode: POST /rpc with the run's token; topics from one WebSocket on /events, reconnecting. */
export function createHttpTransport(origin: string, token: string, onConnection?: (state: 'open' | 'closed') => void): Transport {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | undefined;
  let retry = 0;
  let session: string | null = null;

  const connect = () => {
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`);
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      onConnection?.('open');
    };
    ws.onmessage = (msg) => {
      try {
        const { topic, payload } = JSON.parse(String(msg.data)) as { topic: string; payload: unknown };
        for (const h of handlers.get(topic) ?? []) h(payload);
      } catch {
        /* a malformed message is ignored; the contract client validates payloads anyway */
      }
    };
    // Errors are followed by close, which decides about reconnecting.
    ws.onerror = () => {};
    ws.onclose = () => {
      onConnection?.('closed');
      socket = undefined;
      if (![...handlers.values()].some((set) => set.size > 0)) return;
      const delay = Math.min(30_000, 500 * 2 ** retry++);
      setTimeout(connect, delay);
    };
  };

  return {
    async call(method, input): Promise<RpcResult<unknown>> {
      const res = await fetch(`${origin}/rpc`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(session ? { 'X-CityOps-Session': session } : {}) },
        body: JSON.stringify({ method, input }),
      });
      const body = (await res.json()) as RpcResult<unknown>;
      return body;
    },
    setSession(t) {
      session = t;
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) handlers.set(topic, (set = new Set()));
      set.add(handler);
      if (!socket) connect();
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(topic);
      };
    },
  };
}
