// Why a delivery attempt failed, in words an administrator can act on (shown on the deliveries page).
export class DeliveryError extends Error {}

/** Turns a network failure of fetch into a readable error naming the target. */
export const failureOf =
  (url: string) =>
  (error: unknown): never => {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new DeliveryError(`no answer from ${url} in time`);
    throw new DeliveryError(`${url} not reachable: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  };
