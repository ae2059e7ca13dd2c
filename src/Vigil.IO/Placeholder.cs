namespace Vigil.IO;
