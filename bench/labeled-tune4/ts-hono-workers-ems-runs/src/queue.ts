import type { Env } from './env';

type ClaimMsg = { runId: string; name?: string; dob?: string; address?: string; complaint?: string };

export async function handleBillingBatch(batch: MessageBatch<ClaimMsg>, env: Env): Promise<void> {
  const res = await fetch(`${env.BILLING_API_URL}/claims/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.BILLING_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(batch.messages.map((m) => m.body)),
  });
  if (!res.ok) {
    console.error('billing batch rejected', res.status, JSON.stringify(batch.messages.map((m) => m.body))); // LEAK(logging): whole claim batch with names/DOBs in the error log
    batch.retryAll();
    return;
  }
  batch.ackAll();
}
