import { createServer } from 'node:http';
import { openai } from '@ai-sdk/openai';
import { generateText } from 'ai';

const ALLOWED_ORIGIN = process.env.PORTAL_ORIGIN ?? 'http://localhost:5173';

const server = createServer(async (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', ALLOWED_ORIGIN);
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return;
  }
  if (req.method !== 'POST' || req.url !== '/assistant') {
    res.writeHead(404).end();
    return;
  }
  let raw = '';
  for await (const chunk of req) raw += chunk;
  const body = JSON.parse(raw);
  try {
    const { text } = await generateText({ // LEAK(exposure): check-in symptoms, pregnancy week and conditions sent to OpenAI
      model: openai('gpt-4o-mini'),
      system: 'You are a prenatal triage helper. Never diagnose; tell the user when to call their clinic or 911.',
      prompt: `Week ${body.weeks}. Known conditions: ${body.conditions.join(', ')}. Check-in: ${JSON.stringify(body.checkIn)}`,
    });
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end(text);
  } catch (err) {
    console.error('assistant failed', err, body); // LEAK(logging): check-in payload printed on failure
    res.writeHead(502).end('assistant unavailable');
  }
});

server.listen(8787, () => console.log('assistant listening on :8787'));
