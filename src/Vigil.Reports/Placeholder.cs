namespace Vigil.Reports;
