-- Indexes for the API's triage queue (services/api/services/queue.ts).
-- The queue sorts by COALESCE("date", "createdAt") then id and pages with a
-- keyset cursor, so the expression indexes below serve the unfiltered queue
-- and the two most common filters (list, state) without a sort step. The
-- expression indexes cannot be written in schema.prisma; the plain ones are
-- mirrored there.

-- CreateIndex
CREATE INDEX "Series_sortdate_id_idx" ON "Series" ((COALESCE("date", "createdAt")), "id");
CREATE INDEX "Series_listId_sortdate_id_idx" ON "Series" ("listId", (COALESCE("date", "createdAt")), "id");
CREATE INDEX "Series_state_sortdate_id_idx" ON "Series" ("state", (COALESCE("date", "createdAt")), "id");
CREATE INDEX "Series_submitterId_idx" ON "Series" ("submitterId");
CREATE INDEX "Series_delegateId_idx" ON "Series" ("delegateId");
CREATE INDEX "Series_threadId_idx" ON "Series" ("threadId");
CREATE INDEX "Comment_concernId_idx" ON "Comment" ("concernId");
CREATE INDEX "Concern_runId_idx" ON "Concern" ("runId");
