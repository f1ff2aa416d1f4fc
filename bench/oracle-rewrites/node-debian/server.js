// Prints the versions it loaded and exits, so the oracle can run it in each image.
const express = require("express");
const app = express();
console.log("express", require("express/package.json").version, "node", process.version, typeof app.listen);
