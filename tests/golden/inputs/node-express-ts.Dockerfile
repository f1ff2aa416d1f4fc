FROM node:22

WORKDIR /usr/src/app

# Install all dependencies (TypeScript is a dev dependency)
COPY package.json package-lock.json ./
RUN npm ci

COPY tsconfig.json ./
COPY src ./src
RUN npm run build

USER node
EXPOSE 8080
HEALTHCHECK --interval=30s CMD node dist/healthcheck.js
CMD ["node", "dist/index.js"]
