-- patchlens initial schema (hand-written in the SQL Prisma would generate for
-- prisma/schema.prisma; the schema engine is not available offline).

-- CreateTable
CREATE TABLE "MailingList" (
    "id" SERIAL NOT NULL,
    "listId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MailingList_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PersonAddress" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    CONSTRAINT "PersonAddress_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Message" (
    "id" SERIAL NOT NULL,
    "listId" INTEGER NOT NULL,
    "messageId" TEXT NOT NULL,
    "messageIdDerived" BOOLEAN NOT NULL DEFAULT false,
    "date" TIMESTAMP(3),
    "dateRaw" TEXT,
    "fromName" TEXT NOT NULL,
    "fromEmail" TEXT NOT NULL,
    "authorId" INTEGER,
    "subject" TEXT NOT NULL,
    "inReplyTo" TEXT[],
    "references" TEXT[],
    "headers" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "rawSize" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'other',
    "threadId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "MessageRaw" (
    "messageRowId" INTEGER NOT NULL,
    "raw" BYTEA NOT NULL,
    CONSTRAINT "MessageRaw_pkey" PRIMARY KEY ("messageRowId")
);

CREATE TABLE "Thread" (
    "id" SERIAL NOT NULL,
    "listId" INTEGER NOT NULL,
    "rootMessageId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "lastDate" TIMESTAMP(3),
    CONSTRAINT "Thread_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Series" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "listId" INTEGER NOT NULL,
    "threadId" INTEGER,
    "title" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "rfc" BOOLEAN NOT NULL DEFAULT false,
    "prefixes" TEXT[],
    "total" INTEGER NOT NULL,
    "received" INTEGER NOT NULL DEFAULT 0,
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "missing" INTEGER[],
    "coverId" INTEGER,
    "submitterId" INTEGER,
    "date" TIMESTAMP(3),
    "baseCommit" TEXT,
    "changeId" TEXT,
    "dependsOnRefs" TEXT[],
    "previousId" INTEGER,
    "previousLink" TEXT,
    "state" TEXT NOT NULL DEFAULT 'New',
    "delegateId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Series_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Patch" (
    "id" SERIAL NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "messageRowId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "authorId" INTEGER,
    "commitMessage" TEXT NOT NULL,
    "diff" TEXT NOT NULL,
    "files" TEXT[],
    "hunks" JSONB NOT NULL,
    "additions" INTEGER NOT NULL DEFAULT 0,
    "deletions" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'New',
    CONSTRAINT "Patch_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Reply" (
    "id" SERIAL NOT NULL,
    "messageRowId" INTEGER NOT NULL,
    "parentMessageId" TEXT,
    "seriesId" INTEGER,
    "patchId" INTEGER,
    "onCover" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Reply_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Trailer" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "personId" INTEGER,
    "sourceMessageId" INTEGER NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "patchId" INTEGER,
    "inPatch" BOOLEAN NOT NULL DEFAULT false,
    "mismatch" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Trailer_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "IngestError" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "messageId" TEXT,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IngestError_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "IngestCursor" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "IngestCursor_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" INTEGER,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Tree" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "branch" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Tree_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "TreeList" (
    "id" SERIAL NOT NULL,
    "treeId" INTEGER NOT NULL,
    "listId" INTEGER NOT NULL,
    CONSTRAINT "TreeList_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ApplyRun" (
    "id" SERIAL NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "treeId" INTEGER,
    "treeHead" TEXT,
    "baseCommit" TEXT,
    "baseMethod" TEXT NOT NULL,
    "baseNote" TEXT,
    "verdict" TEXT NOT NULL,
    "firstFailing" INTEGER,
    "blobChainBreaks" JSONB NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApplyRun_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PatchApplyResult" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "patchId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    CONSTRAINT "PatchApplyResult_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AnalysisRun" (
    "id" SERIAL NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "stats" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnalysisRun_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Concern" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "patchId" INTEGER,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "file" TEXT,
    "startLine" INTEGER,
    "endLine" INTEGER,
    "hunkIndex" INTEGER,
    "summary" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "trace" JSONB NOT NULL,
    "origin" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Concern_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Comment" (
    "id" SERIAL NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "patchId" INTEGER,
    "onCover" BOOLEAN NOT NULL DEFAULT false,
    "messageRowId" INTEGER,
    "concernId" INTEGER,
    "parentId" INTEGER,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "anchor" JSONB,
    "quoted" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "position" INTEGER NOT NULL DEFAULT 0,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CommentAnswer" (
    "id" SERIAL NOT NULL,
    "commentId" INTEGER NOT NULL,
    "messageRowId" INTEGER NOT NULL,
    "byAuthor" BOOLEAN NOT NULL DEFAULT false,
    "byCommenter" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "CommentAnswer_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CommentEvent" (
    "id" SERIAL NOT NULL,
    "commentId" INTEGER NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommentEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ApiTokenList" (
    "id" SERIAL NOT NULL,
    "tokenId" INTEGER NOT NULL,
    "listId" INTEGER NOT NULL,
    CONSTRAINT "ApiTokenList_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailingList_listId_key" ON "MailingList"("listId");
CREATE UNIQUE INDEX "PersonAddress_email_key" ON "PersonAddress"("email");
CREATE INDEX "PersonAddress_personId_idx" ON "PersonAddress"("personId");
CREATE INDEX "Message_messageId_idx" ON "Message"("messageId");
CREATE INDEX "Message_threadId_idx" ON "Message"("threadId");
CREATE INDEX "Message_date_idx" ON "Message"("date");
CREATE UNIQUE INDEX "Message_listId_messageId_key" ON "Message"("listId", "messageId");
CREATE UNIQUE INDEX "Thread_listId_rootMessageId_key" ON "Thread"("listId", "rootMessageId");
CREATE INDEX "Series_previousId_idx" ON "Series"("previousId");
CREATE INDEX "Series_state_idx" ON "Series"("state");
CREATE INDEX "Series_date_idx" ON "Series"("date");
CREATE UNIQUE INDEX "Series_listId_key_key" ON "Series"("listId", "key");
CREATE UNIQUE INDEX "Patch_messageRowId_key" ON "Patch"("messageRowId");
CREATE INDEX "Patch_seriesId_index_idx" ON "Patch"("seriesId", "index");
CREATE UNIQUE INDEX "Reply_messageRowId_key" ON "Reply"("messageRowId");
CREATE INDEX "Reply_seriesId_idx" ON "Reply"("seriesId");
CREATE INDEX "Reply_patchId_idx" ON "Reply"("patchId");
CREATE INDEX "Trailer_seriesId_idx" ON "Trailer"("seriesId");
CREATE INDEX "Trailer_patchId_idx" ON "Trailer"("patchId");
CREATE UNIQUE INDEX "Trailer_sourceMessageId_seriesId_patchId_kind_email_key" ON "Trailer"("sourceMessageId", "seriesId", "patchId", "kind", "email");
CREATE UNIQUE INDEX "IngestError_source_position_reason_key" ON "IngestError"("source", "position", "reason");
CREATE INDEX "Event_subjectType_subjectId_idx" ON "Event"("subjectType", "subjectId");
CREATE INDEX "Event_kind_idx" ON "Event"("kind");
CREATE UNIQUE INDEX "Tree_name_key" ON "Tree"("name");
CREATE UNIQUE INDEX "TreeList_listId_key" ON "TreeList"("listId");
CREATE INDEX "ApplyRun_seriesId_createdAt_idx" ON "ApplyRun"("seriesId", "createdAt");
CREATE INDEX "PatchApplyResult_runId_idx" ON "PatchApplyResult"("runId");
CREATE INDEX "PatchApplyResult_patchId_idx" ON "PatchApplyResult"("patchId");
CREATE INDEX "AnalysisRun_seriesId_createdAt_idx" ON "AnalysisRun"("seriesId", "createdAt");
CREATE INDEX "Concern_seriesId_idx" ON "Concern"("seriesId");
CREATE INDEX "Concern_patchId_idx" ON "Concern"("patchId");
CREATE UNIQUE INDEX "Comment_fingerprint_key" ON "Comment"("fingerprint");
CREATE INDEX "Comment_seriesId_idx" ON "Comment"("seriesId");
CREATE INDEX "Comment_patchId_idx" ON "Comment"("patchId");
CREATE UNIQUE INDEX "CommentAnswer_commentId_messageRowId_key" ON "CommentAnswer"("commentId", "messageRowId");
CREATE INDEX "CommentEvent_commentId_idx" ON "CommentEvent"("commentId");
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");
CREATE UNIQUE INDEX "ApiTokenList_tokenId_listId_key" ON "ApiTokenList"("tokenId", "listId");

-- AddForeignKey
ALTER TABLE "PersonAddress" ADD CONSTRAINT "PersonAddress_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Message" ADD CONSTRAINT "Message_listId_fkey" FOREIGN KEY ("listId") REFERENCES "MailingList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Message" ADD CONSTRAINT "Message_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Message" ADD CONSTRAINT "Message_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "MessageRaw" ADD CONSTRAINT "MessageRaw_messageRowId_fkey" FOREIGN KEY ("messageRowId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Thread" ADD CONSTRAINT "Thread_listId_fkey" FOREIGN KEY ("listId") REFERENCES "MailingList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Series" ADD CONSTRAINT "Series_listId_fkey" FOREIGN KEY ("listId") REFERENCES "MailingList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Series" ADD CONSTRAINT "Series_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Series" ADD CONSTRAINT "Series_coverId_fkey" FOREIGN KEY ("coverId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Series" ADD CONSTRAINT "Series_submitterId_fkey" FOREIGN KEY ("submitterId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Series" ADD CONSTRAINT "Series_previousId_fkey" FOREIGN KEY ("previousId") REFERENCES "Series"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Series" ADD CONSTRAINT "Series_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Patch" ADD CONSTRAINT "Patch_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Patch" ADD CONSTRAINT "Patch_messageRowId_fkey" FOREIGN KEY ("messageRowId") REFERENCES "Message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Patch" ADD CONSTRAINT "Patch_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_messageRowId_fkey" FOREIGN KEY ("messageRowId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_patchId_fkey" FOREIGN KEY ("patchId") REFERENCES "Patch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Trailer" ADD CONSTRAINT "Trailer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Trailer" ADD CONSTRAINT "Trailer_sourceMessageId_fkey" FOREIGN KEY ("sourceMessageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Trailer" ADD CONSTRAINT "Trailer_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Trailer" ADD CONSTRAINT "Trailer_patchId_fkey" FOREIGN KEY ("patchId") REFERENCES "Patch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TreeList" ADD CONSTRAINT "TreeList_treeId_fkey" FOREIGN KEY ("treeId") REFERENCES "Tree"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TreeList" ADD CONSTRAINT "TreeList_listId_fkey" FOREIGN KEY ("listId") REFERENCES "MailingList"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApplyRun" ADD CONSTRAINT "ApplyRun_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApplyRun" ADD CONSTRAINT "ApplyRun_treeId_fkey" FOREIGN KEY ("treeId") REFERENCES "Tree"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "PatchApplyResult" ADD CONSTRAINT "PatchApplyResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ApplyRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PatchApplyResult" ADD CONSTRAINT "PatchApplyResult_patchId_fkey" FOREIGN KEY ("patchId") REFERENCES "Patch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AnalysisRun" ADD CONSTRAINT "AnalysisRun_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_runId_fkey" FOREIGN KEY ("runId") REFERENCES "AnalysisRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_patchId_fkey" FOREIGN KEY ("patchId") REFERENCES "Patch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_patchId_fkey" FOREIGN KEY ("patchId") REFERENCES "Patch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_messageRowId_fkey" FOREIGN KEY ("messageRowId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "Concern"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "CommentAnswer" ADD CONSTRAINT "CommentAnswer_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CommentAnswer" ADD CONSTRAINT "CommentAnswer_messageRowId_fkey" FOREIGN KEY ("messageRowId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CommentEvent" ADD CONSTRAINT "CommentEvent_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiTokenList" ADD CONSTRAINT "ApiTokenList_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiTokenList" ADD CONSTRAINT "ApiTokenList_listId_fkey" FOREIGN KEY ("listId") REFERENCES "MailingList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over subjects and bodies (not expressible in the Prisma
-- schema; queried with raw SQL by the API's search service).
CREATE INDEX "Message_search_idx" ON "Message" USING GIN (to_tsvector('english', "subject" || ' ' || "body"));
