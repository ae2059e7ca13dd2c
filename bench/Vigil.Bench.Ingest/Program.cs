Console.Error.WriteLine("ingest benchmark: being built");
