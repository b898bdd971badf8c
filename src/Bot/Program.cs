using System.Text;
using Bot.Cli;

Console.OutputEncoding = Encoding.UTF8;
Console.InputEncoding = Encoding.UTF8;
return await BotCommandLine.InvokeAsync(args);
