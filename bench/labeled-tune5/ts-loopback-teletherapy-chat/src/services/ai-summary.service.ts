import {injectable, BindingScope} from '@loopback/core';
import {HfInference} from '@huggingface/inference';

const hf = new HfInference(process.env.HF_TOKEN);

@injectable({scope: BindingScope.SINGLETON})
export class AiSummaryService {
  /** Between-session summary of the chat thread for the therapist. */
  async summarizeThread(clientName: string, lines: string[]): Promise<string> {
    const out = await hf.summarization({ // LEAK(exposure): client name and therapy chat transcript sent to the Hugging Face inference API
      model: 'facebook/bart-large-cnn',
      inputs: `Client: ${clientName}\n${lines.join('\n')}`,
      parameters: {max_length: 200},
    });
    return out.summary_text;
  }
}
