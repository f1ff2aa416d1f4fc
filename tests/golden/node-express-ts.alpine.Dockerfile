FROM node:22-alpine AS builder

WORKDIR /usr/src/app

# Install all dependencies (TypeScript is a dev dependency)
COPY package.json package-lock.json ./
RUN npm ci

COPY tsconfig.json ./
COPY src ./src
RUN npm run build
RUN npm prune --omit=dev

FROM node:22-alpine
WORKDIR /usr/src/app
COPY --from=builder /usr/src/app /usr/src/app
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s CMD node dist/healthcheck.js
CMD ["node", "dist/index.js"]
