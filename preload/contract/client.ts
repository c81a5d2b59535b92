import { RpcError, type RpcResult } from './errors';
import { isMethodName, methods, type MethodInput, type MethodName, type MethodOutput } from './methods';
import { isTopicName, topics, type TopicName, type TopicPayload } from './topics';

/** What a host adapter provides: raw calls and raw topic delivery. */
export interface Transport {
  call(method: string, input: unknown): Promise<RpcResult<unknown>>;
  subscribe(topic: string, handler: (payload: unknown) => void): () => void;
  /** The signed-in session token sent with every later call (null: signed out). Kept in memory only. */
  setSession?(token: string | null): void;
}

export interface Client {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe<T extends TopicName>(topic: T, handler: (payload: TopicPayload<T>) => void): () => void;
  setSession(token: string | null): void;
}

/**
 * A typed client over a transport. It returns a plain object of functions (no class, no prototype),
 * so it can be handed to contextBridge.exposeInMainWorld. Inputs are validated before they leave,
 * outputs and payloads when they arrive.
 */
export function createClient(transport: Transport): Client {
  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    if (!isMethodName(method)) throw new RpcError({ code: 'UNKNOWN_METHOD', message: `unknown method '${String(method)}'` });
    const spec = methods[method];
    const parsedInput = spec.input.safeParse(input ?? {});
    if (!parsedInput.success) {
      throw new RpcError({ code: 'BAD_INPUT', message: `${method}: ${parsedInput.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}` });
    }
    let result: RpcResult<unknown>;
    try {
      result = await transport.call(method, parsedInput.data);
    } catch (err) {
      throw new RpcError({ code: 'TRANSPORT', message: `${method}: ${err instanceof Error ? err.message : String(err)}` });
    }
    if (!result.ok) throw new RpcError(result.error);
    const out = spec.output.safeParse(result.value);
    if (!out.success) throw new RpcError({ code: 'INTERNAL', message: `${method}: the host answered outside the contract` });
    return out.data as MethodOutput<M>;
  }

  function subscribe<T extends TopicName>(topic: T, handler: (payload: TopicPayload<T>) => void): () => void {
    if (!isTopicName(topic)) throw new RpcError({ code: 'BAD_INPUT', message: `unknown topic '${String(topic)}'` });
    return transport.subscribe(topic, (raw) => {
      const parsed = topics[topic].safeParse(raw);
      if (parsed.success) handler(parsed.data as TopicPayload<T>);
    });
  }

  function setSession(token: string | null): void {
    if (token !== null && (typeof token !== 'string' || token.length === 0 || token.length > 200)) throw new RpcError({ code: 'BAD_INPUT', message: 'session token must be a non-empty string' });
    transport.setSession?.(token);
  }

  return { call, subscribe, setSession };
}
