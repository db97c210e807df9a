-- CreateTable
CREATE TABLE "local_workspace_messages" (
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "thread_ts" TEXT,
    "user_id" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "blocks" JSONB,
    "files" JSONB,
    "edited_ts" TEXT,
    "posted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "local_workspace_messages_pkey" PRIMARY KEY ("channel","ts")
);

-- CreateTable
CREATE TABLE "local_workspace_homes" (
    "user_id" TEXT NOT NULL,
    "view_id" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "view" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "local_workspace_homes_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "local_workspace_files" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "local_workspace_files_pkey" PRIMARY KEY ("id")
);

