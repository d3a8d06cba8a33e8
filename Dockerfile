FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
# production: graphql-js skips its development-only instanceof checks
ENV HOST=0.0.0.0 PORT=4000 NODE_ENV=production
EXPOSE 4000
CMD ["node", "dist/src/main.js"]
