import { createNextApiHandler } from '@trpc/server/adapters/next';
import { createContext, router } from '../../../server/trpc';
import { carePlanRouter } from '../../../server/routers/carePlan';
import { diagnosisRouter } from '../../../server/routers/diagnosis';

export const appRouter = router({
  carePlan: carePlanRouter,
  diagnosis: diagnosisRouter,
});

export type AppRouter = typeof appRouter;

export default createNextApiHandler({
  router: appRouter,
  createContext,
  onError({ error, path, input }) {
    console.error(`tRPC ${path ?? '<no-path>'} failed: ${error.message}`, input); // LEAK(logging): procedure input (MRN, diagnoses) on every error
  },
});
