import ArgumentParser

/// The `mokmin` command: a thin shell over MokminServices and MokminWeb.
@main
struct Mokmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mokmin",
        abstract: "목민: 데이터 기반 행정 플랫폼 / Mokmin: a platform for data-based local administration.",
        discussion: """
            Every command that reads or writes data takes --db PATH (default: the MOKMIN_DB environment variable, \
            else ./mokmin.sqlite).
            """,
        version: "mokmin \(MokminVersionText.current)",
        subcommands: [
            Serve.self, ImportCommand.self, HarvestCommand.self, FeedCommand.self, AlertCommand.self, SampleCommand.self, SolveCommand.self,
            PBCommand.self, UserCommand.self, TokenCommand.self, RegionsCommand.self, SettingsCommand.self, PlanCommand.self, StoreCommand.self, Migrate.self,
            Version.self,
        ]
    )
}
