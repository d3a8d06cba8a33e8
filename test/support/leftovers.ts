/**
 * Everything a test starts (apps, sockets) is registered here and disposed
 * even when the test fails, as graphql-ws's own tests do with `leftovers`:
 * what a test body starts goes after that test, what a beforeAll starts goes
 * after the file. Loaded for every test file by jest's setupFilesAfterEnv.
 */
type Dispose = () => Promise<void> | void;

const afterThisTest: Dispose[] = [];
const afterThisFile: Dispose[] = [];
// Set from beforeEach to afterEach: jest's own currentTestName outlives its test.
let inTest = false;

/**
 * Registers `dispose` to run after the current test (or, from a beforeAll,
 * after the file); returns it wrapped to run once, for the test to call too.
 */
export function leftover(dispose: Dispose): () => Promise<void> {
  const disposeOnce = once(dispose);
  (inTest ? afterThisTest : afterThisFile).push(disposeOnce);
  return disposeOnce;
}

/** The same dispose may also be called by the test itself: it runs once. */
function once(dispose: Dispose): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= Promise.resolve().then(dispose));
}

async function drain(list: Dispose[]): Promise<void> {
  const errors: unknown[] = [];
  while (list.length > 0) {
    try {
      await list.pop()!();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

beforeEach(() => {
  inTest = true;
});
afterEach(async () => {
  inTest = false;
  await drain(afterThisTest);
});
afterAll(() => drain(afterThisFile));
