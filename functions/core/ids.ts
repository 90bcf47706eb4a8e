/**
 * Ids are ULIDs (26 characters) and Cognito subs (36). A longer one names nothing, and past
 * DynamoDB's key size (1 KiB for a sort key) it would fail the read instead of missing.
 * (Kept apart from fields.ts so that zod-free handlers stay zod-free.)
 */
export const MAX_ID_LENGTH = 64;
