-- CreateTable
CREATE TABLE "SignInFailure" (
    "attempt" TEXT NOT NULL,
    "limiter" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "at" BIGINT NOT NULL,

    CONSTRAINT "SignInFailure_pkey" PRIMARY KEY ("attempt","limiter")
);

-- CreateIndex
CREATE INDEX "SignInFailure_limiter_key_at_idx" ON "SignInFailure"("limiter", "key", "at");

-- CreateIndex
CREATE INDEX "SignInFailure_at_idx" ON "SignInFailure"("at");
