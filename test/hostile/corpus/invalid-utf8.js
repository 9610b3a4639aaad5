var s = "ÿşÃ(â‚http://edge.agora.io/x";
var t = "ï¿½";
