FROM node:22 AS builder

WORKDIR /usr/src/app

# Install all dependencies (TypeScript is a dev dependency)
COPY package.json package-lock.json ./
RUN npm ci

COPY tsconfig.json ./
COPY src ./src
RUN npm run build
RUN npm prune --omit=dev

FROM gcr.io/distroless/nodejs22-debian12:nonroot
WORKDIR /usr/src/app
COPY --from=builder /usr/src/app /usr/src/app
EXPOSE 8080
HEALTHCHECK --interval=30s CMD ["/nodejs/bin/node", "dist/healthcheck.js"]
CMD ["dist/index.js"]
