-- Ingest: keep the text of a patch mailed as an attachment (the body holds
-- only the text/plain part), and the references a series gives to the
-- version it supersedes (Supersedes:, In-Reply-To, "Link to v1: …"), so that
-- versions can be linked whichever arrives first.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "attachedPatch" TEXT;

-- AlterTable
ALTER TABLE "Series" ADD COLUMN "supersedesRefs" TEXT[] DEFAULT ARRAY[]::TEXT[];
