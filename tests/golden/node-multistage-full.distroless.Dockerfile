FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev
FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/dist ./dist
COPY --from=build /app/node_modules ./node_modules
EXPOSE 3000
CMD ["dist/index.js"]
