// An empty module: stands in for packages a bundled third-party example imports but this repository does not install.
module.exports = {};
