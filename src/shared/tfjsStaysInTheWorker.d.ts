/**
 * The page's type check resolves every `@tensorflow/*` import to this empty module (tsconfig.app.json's
 * `paths`), so a view, the store or shared code that reaches tfjs — directly or through core/, tasks/ or
 * worker/ — fails to type-check: "has no exported member" / "does not exist on type". tfjs runs in the
 * trainer worker only (DESIGN.md). scripts/rooms.test.ts shows the check failing on such an import.
 */
export declare const tfjsRunsInTheWorkerOnly: unique symbol;
